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
            // A full-screen sheet on a phone; a centred box from md up. Either way the title stays and the body scrolls.
            "fixed inset-0 z-50 flex flex-col bg-white shadow-2xl",
            "md:inset-auto md:left-1/2 md:top-1/2 md:max-h-[90vh] md:w-[calc(100vw-2rem)] md:-translate-x-1/2 md:-translate-y-1/2 md:rounded-xl md:ring-1 md:ring-zinc-900/5",
            wide ? "md:max-w-2xl" : "md:max-w-lg",
          )}
        >
          <div className="shrink-0 border-b border-zinc-100 px-6 pb-4 pt-6">
            <RadixDialog.Title className="text-lg font-semibold text-zinc-900">{title}</RadixDialog.Title>
            {description ? (
              <RadixDialog.Description className="mt-1 text-sm text-zinc-600">{description}</RadixDialog.Description>
            ) : (
              <RadixDialog.Description className="sr-only">{title}</RadixDialog.Description>
            )}
          </div>
          {/* data-dialog-body: a form's FormActions inside it becomes the dialog's sticky footer; the
              bottom scroll padding keeps a focused field from scrolling in behind that footer. */}
          <div data-dialog-body="" className="min-h-0 flex-1 scroll-pb-24 overflow-y-auto px-6 pb-6 pt-5">
            {children}
          </div>
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
