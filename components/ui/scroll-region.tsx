"use client";
import { useEffect, useRef, useState } from "react";
import { cn } from "./cn";

/**
 * A box whose content may be wider than it. While it is, the box is a named region the keyboard
 * can reach (Tab, then the arrow keys scroll it); while it is not, it is a plain box, so a table
 * that fits adds no tab stop and no landmark.
 */
export function ScrollRegion({ label, className, children }: { label: string; className?: string; children: React.ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const box = ref.current;
    if (!box) return;
    const measure = () => setScrolls(box.scrollWidth > box.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(box);
    if (box.firstElementChild) observer.observe(box.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return (
    <div
      ref={ref}
      {...(scrolls && { role: "region", "aria-label": label, tabIndex: 0 })}
      className={cn("overflow-x-auto focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500/40", className)}
    >
      {children}
    </div>
  );
}
