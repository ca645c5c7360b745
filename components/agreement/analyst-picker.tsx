import type { Annotator } from "@/lib/server/agreement/find-article-annotations";

type AnalystPickerProps = {
  annotators: Annotator[];
  picked: string[];
  /** Show the choice of token units (the agreement view). */
  units?: "all" | "annotated";
  submitLabel: string;
};

/** Whose annotations to compare (a plain GET form: the page recomputes on the server). */
export function AnalystPicker({ annotators, picked, units, submitLabel }: AnalystPickerProps) {
  const chosen = new Set(picked);
  return (
    <form method="get" className="agr-picker" aria-label="Analysts to compare">
      <fieldset>
        <legend>Analysts</legend>
        <div className="agr-picker-options">
          {annotators.map((a) => (
            <label key={a.id} className="agr-picker-option">
              <input type="checkbox" name="analyst" value={a.id} defaultChecked={chosen.has(a.id)} />
              <span>{a.name}</span>
              <span className="agr-picker-count">{a.annotations}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {units ? (
        <fieldset>
          <legend>Tokens</legend>
          <div className="agr-picker-options">
            <label className="agr-picker-option">
              <input type="radio" name="units" value="all" defaultChecked={units === "all"} />
              <span>All tokens</span>
            </label>
            <label className="agr-picker-option">
              <input type="radio" name="units" value="annotated" defaultChecked={units === "annotated"} />
              <span>Annotated tokens only</span>
            </label>
          </div>
        </fieldset>
      ) : null}
      <button type="submit" className="button button-secondary button-small">
        {submitLabel}
      </button>
    </form>
  );
}
