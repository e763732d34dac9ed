import { describe, expect, it } from 'vitest';
import { britishSpelling } from './spellings';
import { tokenize } from './tokenize';

describe('search queries in American English find the British text', () => {
  it.each([
    ['utilization', 'utilisation'],
    ['Utilization', 'utilisation'],
    ['optimize', 'optimise'],
    ['optimized', 'optimised'],
    ['optimization', 'optimisation'],
    ['organizations', 'organisations'],
    ['normalizing', 'normalising'],
    ['analyze', 'analyse'],
    ['emphasize', 'emphasise'],
    ['hypothesizing', 'hypothesising'],
    ['behavior', 'behaviour'],
    ['behaviors', 'behaviours'],
    ['color', 'colour'],
    ['neighbor', 'neighbour'],
    ['center', 'centre'],
    ['defense', 'defence'],
    ['modeling', 'modelling'],
    ['canceled', 'cancelled'],
  ])('%s -> %s', (us, uk) => {
    expect(britishSpelling(us)).toBe(uk);
  });

  it.each(['size', 'resize', 'downsize', 'sizing', 'prize', 'seize', 'citizen', 'utilisation', 'p99', 'little', 'program', 'programs', 'latency'])(
    'leaves %s alone',
    (word) => {
      expect(britishSpelling(word)).toBe(word.toLowerCase());
    },
  );

  it('splits a query like the index: white space, hyphens and apostrophes', () => {
    expect(tokenize("Little's law  read-your-writes Little’s")).toEqual(['little', 's', 'law', 'read', 'your', 'writes', 'little', 's']);
    expect(tokenize('CPU utilization')).toEqual(['cpu', 'utilisation']);
    expect(tokenize('   ')).toEqual([]);
  });
});
