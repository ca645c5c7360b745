"use client";

import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { AnnotationsPerDay, DashboardType, ReviewsPerDay } from "@/lib/dashboard/types";

const UNTAGGED = { id: "none", name: "Untagged", color: "#9aa1ad" };
const ACCEPTED = "#146c2e";
const REJECTED = "#b42318";

const shortDay = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
const dayLabel = (day: string) => shortDay.format(new Date(`${day}T00:00:00Z`));

type ChartsProps = {
  types: DashboardType[];
  annotationsPerDay: AnnotationsPerDay[];
  reviewsPerDay: ReviewsPerDay[];
};

/** Annotations created per day, stacked by entity type in the types' own colours; review decisions per day. */
export function DashboardCharts({ types, annotationsPerDay, reviewsPerDay }: ChartsProps) {
  const used = new Set(annotationsPerDay.flatMap((d) => Object.keys(d.counts)));
  const series = [...types, UNTAGGED].filter((t) => used.has(t.id));
  const annotationRows = annotationsPerDay.map((d) => ({ day: dayLabel(d.day), ...d.counts }));
  const reviewRows = reviewsPerDay.map((d) => ({ day: dayLabel(d.day), accepted: d.accepted, rejected: d.rejected }));
  const anyReviews = reviewsPerDay.some((d) => d.accepted || d.rejected);
  return (
    <div className="dashboard-charts">
      <figure className="card dashboard-chart" aria-labelledby="chart-annotations-title">
        <figcaption id="chart-annotations-title">
          <h2>Annotations per day, by entity type</h2>
          <span className="muted small">Last {annotationsPerDay.length} days</span>
        </figcaption>
        {series.length ? (
          <div className="dashboard-chart-area" data-testid="chart-annotations">
            <ResponsiveContainer width="100%" height={260}>
              <BarChart data={annotationRows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e6e7ea" />
                <XAxis dataKey="day" tick={{ fontSize: 12 }} interval="preserveStartEnd" minTickGap={16} />
                <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
                <Tooltip />
                <Legend wrapperStyle={{ fontSize: 13 }} />
                {series.map((t) => (
                  <Bar key={t.id} dataKey={t.id} name={t.name} stackId="types" fill={t.color} maxBarSize={28} />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>
        ) : (
          <p className="muted empty">No annotations in this period.</p>
        )}
        <ChartTable
          caption="Annotations per day, by entity type"
          columns={series.map((t) => ({ key: t.id, label: t.name }))}
          rows={annotationsPerDay.map((d) => ({ day: d.day, values: d.counts }))}
        />
      </figure>
      <figure className="card dashboard-chart" aria-labelledby="chart-reviews-title">
        <figcaption id="chart-reviews-title">
          <h2>Review throughput</h2>
          <span className="muted small">Decisions per day</span>
        </figcaption>
        {anyReviews ? (
          <div className="dashboard-chart-area" data-testid="chart-reviews">
            <ResponsiveContainer width="100%" height={260}>
              <BarChart data={reviewRows} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e6e7ea" />
                <XAxis dataKey="day" tick={{ fontSize: 12 }} interval="preserveStartEnd" minTickGap={16} />
                <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
                <Tooltip />
                <Legend wrapperStyle={{ fontSize: 13 }} />
                <Bar dataKey="accepted" name="Accepted" stackId="decisions" fill={ACCEPTED} maxBarSize={28} />
                <Bar dataKey="rejected" name="Rejected" stackId="decisions" fill={REJECTED} maxBarSize={28} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        ) : (
          <p className="muted empty">No review decisions in this period.</p>
        )}
        <ChartTable
          caption="Review decisions per day"
          columns={[
            { key: "accepted", label: "Accepted" },
            { key: "rejected", label: "Rejected" },
          ]}
          rows={reviewsPerDay.map((d) => ({ day: d.day, values: { accepted: d.accepted, rejected: d.rejected } }))}
        />
      </figure>
    </div>
  );
}

/** The chart's figures as a table, for screen readers and anyone who wants the numbers (days with data only). */
function ChartTable({
  caption,
  columns,
  rows,
}: {
  caption: string;
  columns: { key: string; label: string }[];
  rows: { day: string; values: Record<string, number> }[];
}) {
  const withData = rows.filter((r) => columns.some((c) => r.values[c.key]));
  if (!withData.length || !columns.length) return null;
  return (
    <details className="dashboard-chart-data">
      <summary>Show the figures</summary>
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Day</th>
            {columns.map((c) => (
              <th key={c.key} scope="col">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {withData.map((r) => (
            <tr key={r.day}>
              <th scope="row">{dayLabel(r.day)}</th>
              {columns.map((c) => (
                <td key={c.key}>{r.values[c.key] ?? 0}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
