// Every settings page lays out its content in the same box (SPEC §6: one page layout for all settings pages).
export default function SettingsLayout({ children }: { children: React.ReactNode }) {
  return <div className="mx-auto max-w-6xl">{children}</div>;
}
