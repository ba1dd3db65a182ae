// "CSVでダウンロード" under a report block: a plain link to /api/admin/reports/<name>.csv (decision 0032).
export function ReportCsvLink({ name, label, days }: { name: string; label: string; days?: number }) {
  const href = `/api/admin/reports/${name}.csv${days ? `?days=${days}` : ""}`;
  return (
    <a href={href} download className="mt-2 inline-flex min-h-11 items-center text-brand-700 underline">
      {label}をCSVでダウンロード
    </a>
  );
}
