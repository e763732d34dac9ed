/**
 * Communication paths: why adding engineers stops adding output, and how the way you split
 * them into teams (and the system into parts) decides where.
 *
 * n people who all work together have n(n − 1)/2 pairs who must keep each other informed
 * (Brooks, The Mythical Man-Month). Each pair costs each of its two people some hours a week.
 * Split the same people into teams and most pairs disappear, but each dependency between two
 * teams costs both of them hours too: a sync meeting, a negotiated change, a wait. How many
 * such dependencies there are is an architecture question: teams split by technical layer all
 * depend on each other; stream-aligned teams that own a business slice end to end depend on a
 * neighbour or two and consume a platform as a service (Team Topologies).
 *
 * The hours are assumptions to play with, not measurements: change them and see where each
 * structure peaks.
 */
import { show, table, lineChart } from '../sim';

export const HEADCOUNTS = [3, 5, 8, 12, 20, 30, 50, 80, 120, 200]; // engineers, the rows of the table
export const HOURS_PER_WEEK = 40; // one engineer's working week
export const HOURS_PER_COLLEAGUE = 1; // a week, per working relationship: stand-ups, reviews, questions, chat
export const TEAM_SIZE = 7; // people per team: five to nine is the usual advice
export const HOURS_PER_TEAM_DEPENDENCY = 6; // a week, for EACH of the two teams: syncs, negotiated changes, waiting
export const HOURS_PER_PLATFORM_CONSUMER = 1; // a week, for each side: using a platform as a service (docs, a ticket)
export const NEIGHBOURS_PER_STREAM_TEAM = 2; // other stream-aligned teams each one depends on
export const TEAMS_PER_PLATFORM_TEAM = 9; // one team in nine builds the platform the others use
export const ON_CALL_AT_ONCE = 2; // a primary and a secondary, on a weekly rotation
const CHEAP_DEPENDENCY_HOURS = 2; // the chapter's exercise

export type Structure = 'one team' | 'teams by layer' | 'stream-aligned teams';
export const STRUCTURES: Structure[] = ['one team', 'teams by layer', 'stream-aligned teams'];

export interface Organisation {
  structure: Structure;
  engineers: number;
  teams: number;
  /** Pairs of people who must keep each other informed. */
  peoplePaths: number;
  /** Pairs of teams that depend on each other (platform consumers included). */
  teamPaths: number;
  /** Hours a week all engineers spend keeping those paths alive. */
  coordinationHours: number;
  /** Hours a week left for building, in whole engineers' weeks. */
  effectiveEngineers: number;
}

/** n(n − 1)/2: the pairs among n. */
export function pairs(n: number): number {
  return (n * (n - 1)) / 2;
}

/** Splits `engineers` into teams of at most TEAM_SIZE, as evenly as possible. */
export function teamSizes(engineers: number): number[] {
  const teams = Math.ceil(engineers / TEAM_SIZE);
  return Array.from({ length: teams }, (_, i) => Math.floor(engineers / teams) + (i < engineers % teams ? 1 : 0));
}

/** What the exercises change: the hours a team dependency costs each side. */
export interface Costs {
  hoursPerTeamDependency: number;
}

export function organise(structure: Structure, engineers: number, costs: Costs = { hoursPerTeamDependency: HOURS_PER_TEAM_DEPENDENCY }): Organisation {
  const sizes = structure === 'one team' ? [engineers] : teamSizes(engineers);
  const teams = sizes.length;
  const peoplePaths = sizes.reduce((sum, size) => sum + pairs(size), 0);
  let teamPaths = 0;
  let teamHours = 0;
  if (structure === 'teams by layer') {
    // Every feature crosses every layer: every team depends on every other.
    teamPaths = pairs(teams);
    teamHours = teamPaths * 2 * costs.hoursPerTeamDependency;
  } else if (structure === 'stream-aligned teams' && teams > 1) {
    const platformTeams = teams >= 3 ? Math.ceil(teams / TEAMS_PER_PLATFORM_TEAM) : 0;
    const streamTeams = teams - platformTeams;
    const neighbourPaths = Math.min(pairs(streamTeams), Math.round((streamTeams * NEIGHBOURS_PER_STREAM_TEAM) / 2));
    const platformPaths = platformTeams > 0 ? streamTeams : 0; // each stream team consumes one platform
    teamPaths = neighbourPaths + platformPaths;
    teamHours = neighbourPaths * 2 * costs.hoursPerTeamDependency + platformPaths * 2 * HOURS_PER_PLATFORM_CONSUMER;
  }
  const coordinationHours = peoplePaths * 2 * HOURS_PER_COLLEAGUE + teamHours;
  const buildingHours = Math.max(0, engineers * HOURS_PER_WEEK - coordinationHours);
  return { structure, engineers, teams, peoplePaths, teamPaths, coordinationHours, effectiveEngineers: buildingHours / HOURS_PER_WEEK };
}

export function compare(headcounts = HEADCOUNTS): Organisation[][] {
  return headcounts.map((n) => STRUCTURES.map((s) => organise(s, n)));
}

/** The share of weeks each engineer of a team of `size` is on call. */
export function onCallShare(size: number): number {
  return ON_CALL_AT_ONCE / size;
}

const one = (n: number) => Number(n.toFixed(1)).toLocaleString('en-US');

/** The figures chapter 05 shows. */
export function facts() {
  const rows = compare();
  const oneTeam = rows.map((row) => row[0]);
  const best = oneTeam.reduce((a, b) => (b.effectiveEngineers > a.effectiveEngineers ? b : a));
  const at = (n: number, structure: Structure) => organise(structure, n);
  const big = HEADCOUNTS[HEADCOUNTS.length - 1];
  const [layered, stream] = [at(big, 'teams by layer'), at(big, 'stream-aligned teams')];
  const perEngineer = (o: Organisation) => `${one(o.coordinationHours / o.engineers)} hours`;
  // The smallest team that keeps each engineer on call at most a quarter of the weeks.
  let rotaSize = ON_CALL_AT_ONCE;
  while (onCallShare(rotaSize) > 0.25) rotaSize++;
  return {
    hoursPerColleague: `${HOURS_PER_COLLEAGUE} hour`,
    teamSize: TEAM_SIZE,
    bestOneTeamSize: best.engineers,
    bestOneTeamOutput: one(best.effectiveEngineers),
    fiftyInOneTeamOutput: one(at(50, 'one team').effectiveEngineers),
    oneTeamCollapses: at(50, 'one team').effectiveEngineers < best.effectiveEngineers / 2,
    bigHeadcount: big,
    bigPeoplePathsOneTeam: pairs(big),
    bigTeams: layered.teams,
    bigPeoplePathsInTeams: layered.peoplePaths,
    bigLayeredTeamPaths: layered.teamPaths,
    bigStreamTeamPaths: stream.teamPaths,
    bigLayeredOutput: one(layered.effectiveEngineers),
    bigStreamOutput: one(stream.effectiveEngineers),
    bigLayeredHoursPerEngineer: perEngineer(layered),
    bigStreamHoursPerEngineer: perEngineer(stream),
    streamBeatsLayersAtScale: stream.effectiveEngineers > 3 * layered.effectiveEngineers,
    teamsHelpOnlyPastOneTeam: at(5, 'one team').effectiveEngineers >= at(5, 'teams by layer').effectiveEngineers,
    teamDependencyHours: `${HOURS_PER_TEAM_DEPENDENCY} hours`,
    // The exercise: dependencies made cheap (written API contracts, asynchronous reviews).
    cheapDependencyHours: `${CHEAP_DEPENDENCY_HOURS} hours`,
    cheapLayeredOutput: one(organise('teams by layer', big, { hoursPerTeamDependency: CHEAP_DEPENDENCY_HOURS }).effectiveEngineers),
    cheapStreamOutput: one(organise('stream-aligned teams', big, { hoursPerTeamDependency: CHEAP_DEPENDENCY_HOURS }).effectiveEngineers),
    cheapStillBehind: organise('teams by layer', big, { hoursPerTeamDependency: CHEAP_DEPENDENCY_HOURS }).effectiveEngineers < organise('stream-aligned teams', big, { hoursPerTeamDependency: CHEAP_DEPENDENCY_HOURS }).effectiveEngineers,
    onCallShareOfTeam: `${Math.round(onCallShare(TEAM_SIZE) * 100)}%`,
    onCallRotaForQuarter: rotaSize,
  };
}

export default function main(): void {
  const rows = compare();
  show(
    table(
      ['engineers', 'teams', 'people paths, one team', 'people paths, in teams', 'team paths, by layer', 'team paths, stream-aligned', 'effective: one team', 'effective: by layer', 'effective: stream-aligned'],
      rows.map(([single, layered, stream]) => [
        single.engineers,
        layered.teams,
        single.peoplePaths,
        layered.peoplePaths,
        layered.teamPaths,
        stream.teamPaths,
        one(single.effectiveEngineers),
        one(layered.effectiveEngineers),
        one(stream.effectiveEngineers),
      ]),
      `Coordination: ${HOURS_PER_COLLEAGUE} h a week per colleague, ${HOURS_PER_TEAM_DEPENDENCY} h per team dependency (each side), teams of ${TEAM_SIZE}`,
    ),
    lineChart(
      'Engineers left for building, as the organisation grows',
      { label: 'engineers hired' },
      { label: 'effective engineers' },
      [
        { name: 'no coordination', points: HEADCOUNTS.map((n) => [n, n]) },
        ...STRUCTURES.map((structure, i) => ({ name: structure, points: rows.map((row) => [row[i].engineers, row[i].effectiveEngineers] as [number, number]) })),
      ],
      'One team peaks at about twenty people and then collapses; teams whose every change crosses every other team level off; stream-aligned teams with a platform keep growing, well below the no-coordination line.',
    ),
  );
}
