/**
 * Class names for a table that shows each row as a card below the md breakpoint (SPEC §6: no page
 * scrolls sideways on a phone) and as a table from md up. The markup stays one table, so rows,
 * cells and row menus keep their roles and names at every width.
 *
 * Below md a row is a two-column grid: the main cell on the left, the row's menu on the right
 * (`cardCell.menu`); a cell places itself with `col-*`/`row-*` classes, which tables ignore. A cell
 * that says what it is only through its column header gets `cardCell.labelled` plus a
 * `before:content-['Label_']` class, since the header row is hidden on a phone.
 */
export const cardTable = {
  frame: "rounded-lg border border-zinc-200 bg-white shadow-sm md:overflow-x-auto",
  table: "block w-full text-sm md:table md:min-w-full md:divide-y md:divide-zinc-200",
  head: "hidden bg-zinc-50 md:table-header-group",
  body: "block divide-y divide-zinc-100 md:table-row-group",
  row: "grid grid-cols-[minmax(0,1fr)_auto] items-center gap-x-3 gap-y-1.5 px-4 py-3.5 md:table-row md:p-0",
} as const;

export const cardCell = {
  base: "block min-w-0 md:table-cell",
  /** The row's "⋯" menu: top right of the card. */
  menu: "col-start-2 row-start-1 self-start text-right",
  /** Full width of the card. */
  wide: "col-span-2",
  /** Instead of `base`: shown in the table only, the card leaves it out. */
  tableOnly: "hidden md:table-cell",
  labelled: "before:text-zinc-500 md:before:content-none",
} as const;
