import mermaid from 'mermaid';
import type { FencedBlock } from './markdown-files';

let initialised = false;

/**
 * Parses one diagram with the Mermaid the site renders with, and rethrows a failure
 * as `file:line: message` so that a contributor can jump straight to the block.
 * Needs a DOM (happy-dom): Mermaid's sanitiser does not load in plain Node.
 */
export async function parseDiagram(block: FencedBlock): Promise<void> {
  if (!initialised) {
    mermaid.initialize({ startOnLoad: false });
    initialised = true;
  }
  try {
    await mermaid.parse(block.code);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${block.path}:${block.line}: Mermaid cannot parse this diagram:\n${message}`);
  }
}
