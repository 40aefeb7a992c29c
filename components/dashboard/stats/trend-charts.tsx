"use client";

import {
  Bar,
  BarChart,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";

type Point = { start: string; net: Record<string, number>; orders: number; plays: number };
type Labels = { sales: string; plays: string; playsSeries: string; ordersSeries: string };

const ACCENT = "#b4442c";
const INK = "#1c1917";
const GRID = "#e7e5e4";
/** Axis text and the plays bars: 4.8:1 on the white card (stone-400 gave the legend 2.5:1). */
const MUTED = "#78716c";

/** Minor units to the currency's major unit, as Intl knows its digits. */
function toMajor(amount: number, currency: string) {
  const digits =
    new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return amount / 10 ** digits;
}

/**
 * Drawn in the browser from a series the server computed: one chart of net sales per currency
 * (currencies are never put on one scale or added), then plays with orders.
 */
export function TrendCharts({
  points,
  currencies,
  bucket,
  locale,
  labels,
}: {
  points: Point[];
  currencies: string[];
  bucket: "day" | "week" | "month";
  locale: string;
  labels: Labels;
}) {
  const tick = new Intl.DateTimeFormat(
    locale,
    bucket === "month"
      ? { month: "short", year: "2-digit", timeZone: "UTC" }
      : { day: "numeric", month: "short", timeZone: "UTC" },
  );
  const label = (start: string) => tick.format(new Date(`${start}T00:00:00Z`));
  const number = new Intl.NumberFormat(locale);
  const axis = { fontSize: 11, fill: MUTED };
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      {currencies.map((currency) => {
        const money = new Intl.NumberFormat(locale, { style: "currency", currency });
        const data = points.map((p) => ({ start: p.start, net: toMajor(p.net[currency] ?? 0, currency) }));
        return (
          <figure
            key={currency}
            className="rounded-lg border border-line bg-white p-4"
            data-testid={`sales-chart-${currency}`}
          >
            <figcaption className="mb-3 text-sm font-semibold">
              {labels.sales} · {currency}
            </figcaption>
            <ResponsiveContainer width="100%" height={200}>
              <BarChart data={data} margin={{ top: 4, right: 4, bottom: 0, left: 0 }}>
                <CartesianGrid vertical={false} stroke={GRID} />
                <XAxis
                  dataKey="start"
                  tickFormatter={label}
                  tick={axis}
                  tickLine={false}
                  axisLine={{ stroke: GRID }}
                  minTickGap={16}
                />
                <YAxis
                  tickFormatter={(v: number) => money.format(v)}
                  tick={axis}
                  tickLine={false}
                  axisLine={false}
                  width={72}
                />
                <Tooltip
                  labelFormatter={(v) => label(String(v))}
                  formatter={(v) => [money.format(Number(v)), labels.sales]}
                />
                <Bar dataKey="net" fill={ACCENT} radius={[2, 2, 0, 0]} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </figure>
        );
      })}
      <figure className="rounded-lg border border-line bg-white p-4" data-testid="plays-chart">
        <figcaption className="mb-3 text-sm font-semibold">{labels.plays}</figcaption>
        <ResponsiveContainer width="100%" height={200}>
          <ComposedChart data={points} margin={{ top: 4, right: 4, bottom: 0, left: 0 }}>
            <CartesianGrid vertical={false} stroke={GRID} />
            <XAxis
              dataKey="start"
              tickFormatter={label}
              tick={axis}
              tickLine={false}
              axisLine={{ stroke: GRID }}
              minTickGap={16}
            />
            <YAxis
              yAxisId="plays"
              tickFormatter={(v: number) => number.format(v)}
              tick={axis}
              tickLine={false}
              axisLine={false}
              width={48}
              allowDecimals={false}
            />
            <YAxis
              yAxisId="orders"
              orientation="right"
              tick={axis}
              tickLine={false}
              axisLine={false}
              width={32}
              allowDecimals={false}
            />
            <Tooltip
              labelFormatter={(v) => label(String(v))}
              formatter={(v, name) => [number.format(Number(v)), name]}
            />
            {/* Recharts writes each legend entry in its series' colour; text stays in ink. */}
            <Legend wrapperStyle={{ fontSize: 12 }} formatter={(value) => <span className="text-ink">{value}</span>} />
            <Bar
              yAxisId="plays"
              dataKey="plays"
              name={labels.playsSeries}
              fill={MUTED}
              radius={[2, 2, 0, 0]}
              isAnimationActive={false}
            />
            <Line
              yAxisId="orders"
              dataKey="orders"
              name={labels.ordersSeries}
              stroke={INK}
              strokeWidth={2}
              dot={false}
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </figure>
    </div>
  );
}
