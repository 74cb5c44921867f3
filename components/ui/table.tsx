import { Fragment } from "react";
import Link from "next/link";
import { cn } from "./cn";
import { ScrollRegion } from "./scroll-region";

/** A column: its header and what each row shows in it. */
export type Column<Row> = {
  header: string;
  cell: (row: Row) => React.ReactNode;
  /** Classes for the column's cells (widths, `2xl:table-cell`, a card's `row-start-*`). */
  className?: string;
  headerClassName?: string;
  /**
   * Where the cell sits in a phone's card (layout "cards"): `main` top left, beside the row's menu;
   * `wide` the card's whole width; `hidden` left out of the card; by default one grid cell.
   */
  card?: "main" | "wide" | "hidden";
  /** Shown from the 2xl breakpoint only (with `card: "hidden"`), for a column a 1400 px desktop can spare. */
  from2xl?: boolean;
  /** Says what the value is on a card, where the header row is hidden ("Last used: "). */
  cardLabel?: string;
  /** A sortable column: the address of the list sorted by it, and whether it is sorted now. */
  sort?: { href: string; direction: "ascending" | "descending" | "none" };
};

type Props<Row> = {
  /** Names the table's scroll region, while the table is wider than its box. */
  label: string;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  rowClassName?: (row: Row) => string | undefined;
  /** The row's "⋯" menu, in a last column (its header is for screen readers); viewers get none. */
  actions?: (row: Row) => React.ReactNode;
  /** A row's details, shown in a full-width row under it while it is open (null when closed). */
  details?: (row: Row) => { id: string; content: React.ReactNode } | null;
  /** "cards" (default): a card per row below md. "scroll": a table at every width, scrolling sideways in its box. */
  layout?: "cards" | "scroll";
  busy?: boolean;
};

// Below md (layout "cards") a row is a two-column grid: the main cell on the left, the row's menu
// on the right; the markup stays one table, so rows, cells and menus keep their roles and names.
const LAYOUT = {
  cards: {
    table: "block w-full md:table md:min-w-full md:divide-y md:divide-zinc-200",
    head: "hidden md:table-header-group",
    headCell: "",
    body: "block divide-y divide-zinc-100 md:table-row-group",
    row: "grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-3 gap-y-1.5 px-4 py-3.5 md:table-row md:p-0",
    cell: "block min-w-0 md:table-cell md:px-3 md:py-3",
    main: "row-start-1",
    menu: "col-start-2 row-start-1 self-start text-right",
    wide: "col-span-2",
    hidden: "hidden md:table-cell md:px-3 md:py-3",
    from2xl: "hidden md:px-3 md:py-3 2xl:table-cell",
    labelled: "before:text-zinc-500 before:content-[attr(data-card-label)] md:before:content-none",
  },
  scroll: {
    table: "min-w-full divide-y divide-zinc-200",
    head: "",
    headCell: "whitespace-nowrap",
    body: "divide-y divide-zinc-100",
    row: "",
    cell: "px-3 py-3 align-top",
    main: "",
    menu: "text-right",
    wide: "",
    hidden: "px-3 py-3",
    from2xl: "hidden px-3 py-3 2xl:table-cell",
    labelled: "",
  },
} as const;

const headerCellClass = "px-3 py-2.5 text-left text-xs font-semibold uppercase tracking-wide text-zinc-500";

/**
 * The dashboard's table (SPEC §6): rows as cards on a phone, or a wide table that scrolls inside
 * its own box (reachable by keyboard while it scrolls). Columns keep their header names at every width.
 */
export function Table<Row>({ label, columns, rows, rowKey, rowClassName, actions, details, layout = "cards", busy }: Props<Row>) {
  const l = LAYOUT[layout];
  const cellClass = (column: Column<Row>) =>
    column.card === "hidden"
      ? cn(column.from2xl ? l.from2xl : l.hidden, column.className)
      : cn(l.cell, column.card === "main" && cn(l.main, !actions && l.wide), column.card === "wide" && l.wide, column.cardLabel && l.labelled, column.className);
  const span = columns.length + (actions ? 1 : 0);
  return (
    // "relative" keeps sr-only texts (absolutely placed) inside the box, not past the page's edge.
    <ScrollRegion label={label} className="relative rounded-lg border border-zinc-200 bg-white shadow-sm">
      <table aria-busy={busy || undefined} className={cn(l.table, "text-sm transition-opacity", busy && "opacity-60")}>
        <thead className={cn(l.head, "bg-zinc-50")}>
          <tr>
            {columns.map((column) => (
              <th key={column.header} scope="col" aria-sort={column.sort?.direction} className={cn(headerCellClass, l.headCell, column.from2xl && "hidden 2xl:table-cell", column.headerClassName)}>
                {column.sort ? <SortLink {...column.sort}>{column.header}</SortLink> : column.header}
              </th>
            ))}
            {actions && (
              <th scope="col" className={headerCellClass}>
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody className={l.body}>
          {rows.map((row) => {
            const open = details?.(row);
            return (
              <Fragment key={rowKey(row)}>
                <tr className={cn(l.row, rowClassName?.(row))}>
                  {columns.map((column) => (
                    <td key={column.header} data-card-label={column.cardLabel} className={cellClass(column)}>
                      {column.cell(row)}
                    </td>
                  ))}
                  {actions && <td className={cn(l.cell, l.menu)}>{actions(row)}</td>}
                </tr>
                {open && (
                  <tr id={open.id} className="block bg-zinc-50/60 md:table-row">
                    <td colSpan={span} className="block px-4 py-3 md:table-cell">
                      {open.content}
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

function SortLink({ href, direction, children }: { href: string; direction: "ascending" | "descending" | "none"; children: React.ReactNode }) {
  return (
    <Link href={href} className="inline-flex items-center gap-1 rounded hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-brand-500">
      {children}
      <span aria-hidden="true" className={direction === "none" ? "text-zinc-300" : "text-zinc-700"}>
        {direction === "ascending" ? "↑" : "↓"}
      </span>
    </Link>
  );
}
