import { lazy, Suspense, type ComponentProps } from 'react';

const Dialog = lazy(() => import('./DispatchDialog').then((module) => ({ default: module.DispatchDialog })));

/**
 * The dispatch dialog, loaded when it opens (its table of technicians and the modal are not part of
 * the board's or the order's first load).
 */
export function DispatchDialog(props: ComponentProps<typeof Dialog>) {
  return (
    <Suspense fallback={null}>
      <Dialog {...props} />
    </Suspense>
  );
}
