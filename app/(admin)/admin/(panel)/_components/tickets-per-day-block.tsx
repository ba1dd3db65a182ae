// Dashboard block: new tickets per Japan day as a bar chart with its table and CSV.
import { BarChart } from "@/components/admin/charts";
import { ReportCsvLink } from "@/components/admin/report-csv-link";

const shortDay = (day: string) => `${Number(day.slice(5, 7))}/${Number(day.slice(8, 10))}`;

export function TicketsPerDayBlock({ data, days }: { data: { day: string; count: number }[]; days: number }) {
  return (
    <section aria-labelledby="per-day" data-testid="chart-tickets-per-day" className="min-w-0 rounded border border-slate-300 bg-white p-4">
      <h2 id="per-day" className="text-lg font-bold">新規チケット(直近{days}日)</h2>
      <BarChart
        title="1日あたりの新規チケット数"
        unit="件"
        xLabel="受付日"
        yLabel="新規チケット"
        integer
        data={data.map((d) => ({ key: d.day, label: shortDay(d.day), value: d.count }))}
      />
      <ReportCsvLink name="tickets-per-day" label="日別の新規チケット数" />
    </section>
  );
}
