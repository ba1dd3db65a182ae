// The line diff of two content versions, file by file. Not colour only: every changed line carries
// a visible "+" or "−" and sits in <ins> or <del> (which screen readers announce), with line numbers
// of both sides; long lines wrap instead of widening the page (usable at 375 px).
import type { FileDiff } from "@/lib/content/diff";

const T = {
  none: "この2つの版の間に違いはありません。",
  added: "追加されたファイル",
  removed: "削除されたファイル",
  changed: "変更されたファイル",
  counts: (a: number, r: number) => `${a}行追加、${r}行削除`,
  oldLine: "旧",
  newLine: "新",
  mark: "種別",
  text: "内容",
  add: "追加",
  del: "削除",
  gap: "(変更のない行を省略)",
};

export function VersionDiff({ files, from, to }: { files: FileDiff[]; from: number; to: number }) {
  if (!files.length) return <p data-testid="diff-empty">{T.none}</p>;
  return (
    <div className="space-y-4" data-testid="version-diff">
      {files.map((file) => (
        <section key={file.file} aria-label={`${file.file}: ${T[file.status]}、${T.counts(file.added, file.removed)}`} className="rounded border border-slate-300 bg-white">
          <h3 className="flex flex-wrap items-baseline gap-x-3 border-b border-slate-300 bg-slate-50 px-3 py-2">
            <code className="break-all font-semibold">{file.file}</code>
            <span className="text-sm text-slate-700">
              {T[file.status]}・<span className="text-emerald-900">+{file.added}</span> <span className="text-red-900">−{file.removed}</span>
            </span>
          </h3>
          <table className="w-full table-fixed border-collapse font-mono text-sm" data-testid="diff-file" data-file={file.file}>
            <caption className="sr-only">{`${file.file}(版${from} → 版${to})`}</caption>
            <colgroup>
              <col className="w-10" />
              <col className="w-10" />
              <col className="w-6" />
              <col />
            </colgroup>
            <thead className="sr-only">
              <tr>
                <th scope="col">{T.oldLine}</th>
                <th scope="col">{T.newLine}</th>
                <th scope="col">{T.mark}</th>
                <th scope="col">{T.text}</th>
              </tr>
            </thead>
            {file.hunks.map((hunk, h) => (
              <tbody key={`${hunk.oldStart}-${hunk.newStart}`} className={h > 0 ? "border-t-2 border-dashed border-slate-300" : undefined}>
                {h > 0 ? (
                  <tr>
                    <td colSpan={4} className="px-2 py-1 text-center font-sans text-xs text-slate-700">{T.gap}</td>
                  </tr>
                ) : null}
                {hunk.lines.map((line, i) => {
                  const style = line.kind === "add" ? "bg-emerald-50 text-emerald-950" : line.kind === "del" ? "bg-red-50 text-red-950" : "text-slate-800";
                  const mark = line.kind === "add" ? "+" : line.kind === "del" ? "−" : " ";
                  const text = line.text === "" ? "\u00a0" : line.text;
                  return (
                    <tr key={i} className={style} data-kind={line.kind}>
                      <td className="select-none px-1 text-right align-top text-xs text-slate-600">{line.oldLine ?? ""}</td>
                      <td className="select-none px-1 text-right align-top text-xs text-slate-600">{line.newLine ?? ""}</td>
                      <td className="select-none text-center align-top font-bold" aria-hidden="true">{mark}</td>
                      <td className="whitespace-pre-wrap break-all px-1 align-top">
                        {line.kind === "add" ? (
                          <ins className="no-underline"><span className="sr-only">{T.add}: </span>{text}</ins>
                        ) : line.kind === "del" ? (
                          <del className="no-underline"><span className="sr-only">{T.del}: </span>{text}</del>
                        ) : (
                          text
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            ))}
          </table>
        </section>
      ))}
    </div>
  );
}
