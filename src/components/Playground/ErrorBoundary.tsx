import React, { type ReactNode } from 'react';

interface Props {
  /** Draws the failure inside the Playground; `retry` renders the children again. */
  fallback: (error: Error, retry: () => void) => ReactNode;
  /** A new value clears a failure (e.g. the next run). */
  resetKey?: unknown;
  children: ReactNode;
}

/**
 * Keeps a failure to draw inside the Playground that had it: without it, one bad value in one
 * Playground's output takes the whole page down ("This page crashed").
 */
export default class ErrorBoundary extends React.Component<Props, { error: Error | undefined }> {
  override state = { error: undefined as Error | undefined };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(typeof error === 'string' ? error : 'Something failed to draw') };
  }

  override componentDidUpdate(previous: Props): void {
    if (this.state.error && previous.resetKey !== this.props.resetKey) this.setState({ error: undefined });
  }

  override render(): ReactNode {
    const { error } = this.state;
    return error ? this.props.fallback(error, () => this.setState({ error: undefined })) : this.props.children;
  }
}
