// Dashboard block: medians to first response and to resolution per day of creation, as a line
// chart in a unit that fits the values, with its table and CSV.
import { LineChart } from "@/components/admin/charts";
import { formatDuration } from "@/components/admin/format";
import { ReportCsvLink } from "@/components/admin/report-csv-link";
import { durationUnit } from "@/lib/charts/scale";
import type { DayMedians } from "@/lib/data/dashboard";

const shortDay = (day: string) => `${Number(day.slice(5, 7))}/${Number(day.slice(8, 10))}`;

export function ResponseTimesBlock({ times, days }: { times: { firstResponseSeconds: number | null; resolutionSeconds: number | null; perDay: DayMedians[] }; days: number }) {
  const max = Math.max(0, ...times.perDay.flatMap((d) => [d.firstResponseSeconds ?? 0, d.resolutionSeconds ?? 0]));
  const { divisor, unit } = durationUnit(max);
  const inUnit = (s: number | null) => (s == null ? null : s / divisor);
  return (
    <section aria-labelledby="medians" data-testid="chart-medians" className="min-w-0 rounded border border-slate-300 bg-white p-4">
      <h2 id="medians" className="text-lg font-bold">返信・解決までの時間(直近{days}日)</h2>
      <dl className="mt-1 grid grid-cols-2 gap-2 text-sm">
        <div>
          <dt>初回返信までの中央値</dt>
          <dd className="text-xl font-bold" data-testid="median-first-response">{formatDuration(times.firstResponseSeconds)}</dd>
        </div>
        <div>
          <dt>解決までの中央値</dt>
          <dd className="text-xl font-bold" data-testid="median-resolution">{formatDuration(times.resolutionSeconds)}</dd>
        </div>
      </dl>
      <LineChart
        title="受付日ごとの中央値"
        unit={unit}
        xLabel="受付日"
        yLabel="中央値"
        categories={times.perDay.map((d) => ({ key: d.day, label: shortDay(d.day) }))}
        series={[
          { name: "初回返信まで", values: times.perDay.map((d) => inUnit(d.firstResponseSeconds)) },
          { name: "解決まで", values: times.perDay.map((d) => inUnit(d.resolutionSeconds)) },
        ]}
      />
      <ReportCsvLink name="medians" label="日別の中央値" />
    </section>
  );
}
