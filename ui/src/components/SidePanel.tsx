// A panel that slides over the screen from a side (a task beside its board,
// the notifications beside the sidebar): modal, closed by Escape or a click
// outside, its title announced from inside (`Dialog.Title`).
import * as Dialog from "@radix-ui/react-dialog";
import type { ReactNode, RefObject } from "react";

export function SidePanel({
  onClose,
  className,
  returnFocusTo,
  children,
}: {
  onClose: () => void;
  /** Where it sits and how wide it is. */
  className: string;
  /** What gets the focus back on closing, when the panel was not opened by a Radix trigger. */
  returnFocusTo?: RefObject<HTMLElement | null>;
  children: ReactNode;
}) {
  return (
    <Dialog.Root open onOpenChange={(open) => (open ? null : onClose())}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/20" />
        <Dialog.Content
          aria-describedby={undefined}
          onCloseAutoFocus={
            returnFocusTo
              ? (event) => {
                  event.preventDefault();
                  returnFocusTo.current?.focus();
                }
              : undefined
          }
          className={`fixed inset-y-0 z-50 flex flex-col bg-white dark:bg-zinc-900 ${className}`}
        >
          {children}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
