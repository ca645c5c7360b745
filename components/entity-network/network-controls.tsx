type NetworkControlsProps = {
  articles: { id: string; title: string }[];
  articleId: string;
  onArticle: (articleId: string) => void;
  minWeight: number;
  maxWeight: number;
  onMinWeight: (weight: number) => void;
  view: "graph" | "table";
  onView: (view: "graph" | "table") => void;
};

/** The article filter, the minimum link strength and the graph/table switch. */
export function NetworkControls(props: NetworkControlsProps) {
  const { articles, articleId, onArticle, minWeight, maxWeight, onMinWeight, view, onView } = props;
  return (
    <div className="row network-controls">
      <label className="row network-control">
        <span className="small muted">Article</span>
        <select value={articleId} onChange={(e) => onArticle(e.target.value)}>
          <option value="">All articles</option>
          {articles.map((a) => (
            <option key={a.id} value={a.id}>
              {a.title}
            </option>
          ))}
        </select>
      </label>
      <label className="row network-control">
        <span className="small muted">Links in at least</span>
        <input
          type="range"
          min={1}
          max={Math.max(1, maxWeight)}
          step={1}
          value={minWeight}
          disabled={maxWeight <= 1}
          onChange={(e) => onMinWeight(Number(e.target.value))}
          aria-valuetext={`${minWeight} ${minWeight === 1 ? "paragraph" : "paragraphs"}`}
        />
        <output className="small network-weight">
          {minWeight} {minWeight === 1 ? "paragraph" : "paragraphs"}
        </output>
      </label>
      <div className="segmented network-view-switch" role="group" aria-label="Show as">
        <button type="button" aria-pressed={view === "graph"} onClick={() => onView("graph")}>
          Graph
        </button>
        <button type="button" aria-pressed={view === "table"} onClick={() => onView("table")}>
          Table
        </button>
      </div>
    </div>
  );
}
