import { describe, expect, it } from 'vitest';
import { wrapLabel } from './chartScale';

describe('wrapLabel: bar chart labels fit their band', () => {
  it('fills lines up to the width, breaking at spaces', () => {
    expect(wrapLabel('balancer + 3 nodes + database with standby', 17)).toEqual(['balancer + 3', 'nodes + database', 'with standby']);
  });

  it('leaves a short label on one line and gives a long word a line of its own', () => {
    expect(wrapLabel('one node', 17)).toEqual(['one node']);
    expect(wrapLabel('a supercalifragilistic word', 10)).toEqual(['a', 'supercalifragilistic', 'word']);
  });

  it('stops at four lines, the last one cut with an ellipsis', () => {
    const lines = wrapLabel('one two three four five six seven', 5);
    expect(lines).toHaveLength(4);
    expect(lines.slice(0, 3)).toEqual(['one', 'two', 'three']);
    expect(lines[3]).toBe('four…');
  });
});
