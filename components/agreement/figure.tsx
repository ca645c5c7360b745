import type { NoValueReason } from "@/lib/agreement";
import { formatFigure, reasonText } from "./format";

type FigureProps = {
  value: number | null;
  /** Why it is undefined, when it is. */
  reason?: NoValueReason | string | null;
  className?: string;
};

/** One figure: its value to three decimals (the exact value in `data-value`), or a dash that says why. */
export function Figure({ value, reason, className = "agr-value" }: FigureProps) {
  const why = value === null && reason ? (reasonText[reason as NoValueReason] ?? reason) : undefined;
  return (
    <span
      className={className}
      data-value={value === null ? "" : String(value)}
      title={why ? `Undefined: ${why}` : undefined}
    >
      {formatFigure(value)}
      {why ? <span className="visually-hidden"> (undefined: {why})</span> : null}
    </span>
  );
}
