export function LogoMark({ className = "h-7 w-7" }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" className={className} aria-hidden="true">
      <rect width="32" height="32" rx="8" fill="#4f46e5" />
      <circle cx="13" cy="16" r="5" fill="none" stroke="#fff" strokeWidth="2.5" />
      <path d="M18 16h9M23 16v4M26 16v3" stroke="#fff" strokeWidth="2.5" strokeLinecap="round" />
    </svg>
  );
}
