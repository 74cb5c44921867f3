"use client";
import { Switch } from "radix-ui";

/**
 * An on/off setting (role "switch"), named by a `<label htmlFor={id}>`. The knob is a fixed near-white
 * in both colour schemes and the off track has an edge, so "off" stays visible in dark mode.
 */
export function ToggleSwitch(props: Omit<React.ComponentProps<typeof Switch.Root>, "className" | "children">) {
  return (
    <Switch.Root
      {...props}
      className="relative mt-1 h-6 w-11 shrink-0 rounded-full bg-zinc-300 ring-1 ring-inset ring-zinc-400/60 transition-colors data-[state=checked]:bg-brand-600 data-[state=checked]:ring-transparent disabled:opacity-50"
    >
      <Switch.Thumb className="block h-5 w-5 translate-x-0.5 rounded-full bg-[#fafafa] shadow transition-transform data-[state=checked]:translate-x-[22px]" />
    </Switch.Root>
  );
}
