// The one query-key factory (STYLE §7): every TanStack Query key is built here, so everything
// about one project's audit log shares one prefix to invalidate.

export const queryKeys = {
  auditLog: {
    all: (projectSlug: string) => ["audit-log", projectSlug] as const,
    page: (projectSlug: string, filters: Readonly<Record<string, string>>, cursor: string | null) => ["audit-log", projectSlug, "page", filters, cursor] as const,
  },
};
