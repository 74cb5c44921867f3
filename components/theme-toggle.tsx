"use client";
import { useEffect, useState } from "react";
import { RadioGroup } from "radix-ui";
import { cn } from "./ui/cn";
import { THEME_CHANGED_EVENT, THEME_STORAGE_KEY } from "./theme-script";

const CHOICES = { system: "System", light: "Light", dark: "Dark" } as const;
type ThemeChoice = keyof typeof CHOICES;

/** "Theme": System, Light or Dark, kept in this browser (localStorage). */
export function ThemeToggle({ className }: { className?: string }) {
  const [choice, setChoice] = useState<ThemeChoice>("system");
  useEffect(() => {
    const stored = localStorage.getItem(THEME_STORAGE_KEY);
    if (stored === "light" || stored === "dark") setChoice(stored);
  }, []);
  const choose = (next: ThemeChoice) => {
    setChoice(next);
    if (next === "system") localStorage.removeItem(THEME_STORAGE_KEY);
    else localStorage.setItem(THEME_STORAGE_KEY, next);
    window.dispatchEvent(new Event(THEME_CHANGED_EVENT));
  };
  return (
    <RadioGroup.Root
      aria-label="Theme"
      value={choice}
      onValueChange={(value) => choose(value as ThemeChoice)}
      orientation="horizontal"
      className={cn("inline-flex rounded-md border border-zinc-300 p-0.5 text-xs", className)}
    >
      {Object.entries(CHOICES).map(([option, label]) => (
        <RadioGroup.Item key={option} value={option} className="rounded px-2 py-1 font-medium text-zinc-600 hover:text-zinc-900 data-[state=checked]:bg-zinc-100 data-[state=checked]:text-zinc-900">
          {label}
        </RadioGroup.Item>
      ))}
    </RadioGroup.Root>
  );
}
