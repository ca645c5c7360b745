/** Analysts per block of the matrices' rows and columns (and of the table by type's columns). */
export const BLOCK = 20;

/** The indices of block `start` among `n`: at most {@link BLOCK} of them. */
export function blockIndices(start: number, n: number): number[] {
  return Array.from({ length: Math.max(0, Math.min(n, start + BLOCK) - start) }, (_, k) => start + k);
}

type BlockPickerProps = {
  /** What the blocks are of ("Rows", "Columns", "Analysts"). */
  label: string;
  n: number;
  start: number;
  onChange: (start: number) => void;
};

/**
 * Buttons for the blocks of {@link BLOCK} analysts: with many analysts the
 * page shows one block at a time instead of every pair (80 analysts make
 * 6,320 pairs per matrix); every block's figures are there, one click away.
 */
export function BlockPicker({ label, n, start, onChange }: BlockPickerProps) {
  if (n <= BLOCK) return null;
  const starts = Array.from({ length: Math.ceil(n / BLOCK) }, (_, k) => k * BLOCK);
  return (
    <div className="agr-blocks" role="group" aria-label={`${label} (analysts)`}>
      <span className="agr-blocks-label">{label}</span>
      {starts.map((s) => (
        <button key={s} type="button" aria-pressed={s === start} onClick={() => onChange(s)}>
          {s + 1}–{Math.min(n, s + BLOCK)}
        </button>
      ))}
    </div>
  );
}
