"use client";
import { Dialog as RadixDialog } from "radix-ui";
import { cn } from "./cn";
import { useReturnFocus } from "../use-return-focus";

type DialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  description?: React.ReactNode;
  children: React.ReactNode;
  wide?: boolean;
  /** For dialogs that must not close by a stray click or Escape (the reveal dialog). */
  dismissible?: boolean;
};

export function Dialog({ open, onOpenChange, title, description, children, wide, dismissible = true }: DialogProps) {
  const returnFocus = useReturnFocus(open);
  const block = (event: Event) => {
    if (!dismissible) event.preventDefault();
  };
  return (
    <RadixDialog.Root open={open} onOpenChange={onOpenChange}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="fixed inset-0 z-40 bg-black/50 backdrop-blur-[1px]" />
        <RadixDialog.Content
          onPointerDownOutside={block}
          onEscapeKeyDown={block}
          onCloseAutoFocus={returnFocus}
          className={cn(
            "fixed left-1/2 top-1/2 z-50 max-h-[90vh] w-[calc(100vw-2rem)] -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl bg-white p-6 shadow-2xl ring-1 ring-zinc-900/5",
            wide ? "max-w-2xl" : "max-w-lg",
          )}
        >
          <RadixDialog.Title className="text-lg font-semibold text-zinc-900">{title}</RadixDialog.Title>
          {description ? (
            <RadixDialog.Description className="mt-1 text-sm text-zinc-600">{description}</RadixDialog.Description>
          ) : (
            <RadixDialog.Description className="sr-only">{title}</RadixDialog.Description>
          )}
          <div className="mt-5">{children}</div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
