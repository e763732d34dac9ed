import { describe, expect, it } from 'vitest';
import { captureShown } from '../sim';
import main, { HEADCOUNTS, HOURS_PER_COLLEAGUE, HOURS_PER_WEEK, STRUCTURES, TEAM_SIZE, compare, facts, onCallShare, organise, pairs, teamSizes } from './communication-paths';

describe('communication paths as a team grows and splits', () => {
  it('counts n(n − 1)/2 paths among n people', () => {
    expect([1, 2, 3, 5, 10, 50].map(pairs)).toEqual([0, 1, 3, 10, 45, 1225]);
    expect(organise('one team', 200).peoplePaths).toBe(19_900);
  });

  it('splits people into teams of at most TEAM_SIZE, as evenly as possible, losing nobody', () => {
    for (const n of [1, 7, 8, 50, 200]) {
      const sizes = teamSizes(n);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(n);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(TEAM_SIZE);
      expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    }
  });

  it('peaks one team where the formula says: n* = (H + c) / 2c', () => {
    // Output n·H − c·n(n − 1) is greatest at n = (H + c) / (2c): 20.5 people at 40 h and 1 h.
    const peak = (HOURS_PER_WEEK + HOURS_PER_COLLEAGUE) / (2 * HOURS_PER_COLLEAGUE);
    const outputs = Array.from({ length: 60 }, (_, i) => organise('one team', i + 1).effectiveEngineers);
    const best = outputs.indexOf(Math.max(...outputs)) + 1;
    expect(Math.abs(best - peak)).toBeLessThanOrEqual(0.5);
  });

  it('never gives a structure more effective engineers than engineers, nor fewer than none', () => {
    for (const row of compare()) for (const org of row) {
      expect(org.effectiveEngineers).toBeLessThanOrEqual(org.engineers);
      expect(org.effectiveEngineers).toBeGreaterThanOrEqual(0);
    }
  });

  it('makes team dependencies, not headcount, the limit at scale', () => {
    const layered = organise('teams by layer', 200);
    const stream = organise('stream-aligned teams', 200);
    expect(layered.peoplePaths).toBe(stream.peoplePaths); // the same teams inside
    expect(layered.teamPaths).toBe(pairs(layered.teams));
    expect(stream.teamPaths).toBeLessThan(layered.teamPaths / 5);
    // Teams by layer stop growing: hiring 80 more from 120 yields fewer builders.
    expect(layered.effectiveEngineers).toBeLessThan(organise('teams by layer', 120).effectiveEngineers);
  });

  it('says the claims the chapter makes', () => {
    const f = facts();
    expect(f.oneTeamCollapses).toBe(true);
    expect(f.streamBeatsLayersAtScale).toBe(true);
    expect(f.teamsHelpOnlyPastOneTeam).toBe(true);
    expect(f.bestOneTeamSize).toBe(20);
  });

  it('puts each engineer of a team of seven on call more than a quarter of the weeks; eight is the smallest that does not', () => {
    expect(onCallShare(7)).toBeGreaterThan(0.25);
    expect(onCallShare(8)).toBeLessThanOrEqual(0.25);
    expect(facts().onCallRotaForQuarter).toBe(8);
  });

  it('shows a table with a row per headcount and a line per structure', async () => {
    const shown = await captureShown(main);
    expect(shown.map((v) => v.kind)).toEqual(['table', 'chart']);
    expect(shown[0].rows).toHaveLength(HEADCOUNTS.length);
    expect(shown[1].series.map((s: { name: string }) => s.name)).toEqual(['no coordination', ...STRUCTURES]);
  });
});
