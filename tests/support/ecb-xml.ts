/** An answer in the shape of the ECB's eurofxref-daily.xml, for tests. */
export function ecbXml(date: string, rates: Record<string, number | string>): string {
  const cubes = Object.entries(rates)
    .map(([currency, rate]) => `\t\t\t<Cube currency='${currency}' rate='${rate}'/>`)
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
\t<gesmes:subject>Reference rates</gesmes:subject>
\t<gesmes:Sender>
\t\t<gesmes:name>European Central Bank</gesmes:name>
\t</gesmes:Sender>
\t<Cube>
\t\t<Cube time='${date}'>
${cubes}
\t\t</Cube>
\t</Cube>
</gesmes:Envelope>`;
}

/**
 * A local stand-in for the ECB's rates address: answers whatever `answer` holds now (the XML, a
 * garbage page, or an error status), and counts the requests.
 */
export type RatesStandIn = {
  url: string;
  answer: { status: number; body: string };
  requests: number;
  close: () => Promise<void>;
};

export async function startRatesStandIn(body: string): Promise<RatesStandIn> {
  const { createServer } = await import("node:http");
  const standIn: Omit<RatesStandIn, "url" | "close"> = { answer: { status: 200, body }, requests: 0 };
  const server = createServer((_request, response) => {
    standIn.requests++;
    response.writeHead(standIn.answer.status, { "content-type": "text/xml; charset=utf-8" });
    response.end(standIn.answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as import("node:net").AddressInfo;
  return Object.assign(standIn, {
    url: `http://127.0.0.1:${port}/stats/eurofxref/eurofxref-daily.xml`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
