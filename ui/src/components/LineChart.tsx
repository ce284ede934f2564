// A line over time, drawn by uPlot (ARCHITECTURE.md, "Libraries"): the
// score of an artist week by week today, KPIs later. The canvas is for the
// eye; the same values are in a table for screen readers and keyboard users.
import { useEffect, useRef } from "react";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export type ChartPoint = { /** Seconds since 1970 (UTC). */ at: number; value: number };

export function LineChart({
  points,
  label,
  formatAt,
  formatValue = String,
  range,
  height = 160,
}: {
  points: ChartPoint[];
  /** What the chart shows, for its caption. */
  label: string;
  formatAt: (seconds: number) => string;
  formatValue?: (value: number) => string;
  /** A fixed value axis (a score from 0 to 100); otherwise it follows the data. */
  range?: [number, number];
  height?: number;
}) {
  const target = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = target.current;
    if (!element) return;
    const stroke = getComputedStyle(element).getPropertyValue("--color-brand-500").trim() || "#7c3aed";
    const chart = new uPlot(
      {
        width: element.clientWidth || 320,
        height,
        legend: { show: false },
        cursor: { y: false },
        scales: { x: { time: true }, y: range ? { range } : {} },
        axes: [
          { values: (_, ticks) => ticks.map(formatAt), stroke: "currentColor", grid: { show: false } },
          { values: (_, ticks) => ticks.map(formatValue), stroke: "currentColor", size: 40 },
        ],
        series: [{}, { label, stroke, width: 2, points: { show: points.length < 30 } }],
      },
      [points.map((p) => p.at), points.map((p) => p.value)],
      element,
    );
    const resize = new ResizeObserver(() => chart.setSize({ width: element.clientWidth || 320, height }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [points, label, formatAt, formatValue, range, height]);

  return (
    <figure aria-label={label} className="text-zinc-500">
      <div ref={target} aria-hidden />
      <table className="sr-only">
        <caption>{label}</caption>
        <tbody>
          {points.map((p) => (
            <tr key={p.at}>
              <th scope="row">{formatAt(p.at)}</th>
              <td>{formatValue(p.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
