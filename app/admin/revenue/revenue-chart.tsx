"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { currencyDigits, formatMoney } from "@/lib/money";

type Point = { period: string; fees: number; subscriptions: number };

/** Fees and subscriptions stacked per period, in one currency (amounts arrive in minor units). */
export function RevenueChart({
  points,
  currency,
  locale,
  labels,
}: {
  points: Point[];
  currency: string;
  locale: string;
  labels: { fees: string; subscriptions: string };
}) {
  const scale = 10 ** currencyDigits(currency);
  const data = points.map((p) => ({ period: p.period, fees: p.fees / scale, subscriptions: p.subscriptions / scale }));
  const money = (value: number) => formatMoney(Math.round(value * scale), currency, locale);
  return (
    <div className="h-64 rounded-lg border border-line bg-white p-2">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="period" fontSize={12} />
          <YAxis fontSize={12} width={70} tickFormatter={money} />
          <Tooltip formatter={(value) => money(Number(value))} />
          <Legend />
          <Bar dataKey="fees" name={labels.fees} stackId="r" fill="#b4442c" isAnimationActive={false} />
          <Bar
            dataKey="subscriptions"
            name={labels.subscriptions}
            stackId="r"
            fill="#0369a1"
            isAnimationActive={false}
          />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
