/**
 * The book is written in British English; many readers search in American English. This turns
 * an American spelling in a search query into the British one the book's index holds
 * (utilization -> utilisation, behavior -> behaviour), so that both find the same pages.
 * A query word is changed only when it is a whole American form; anything else is kept.
 */

/** -ize, -ization, ... -> -ise, -isation, ...; not words where "ize" is no suffix (size, prize). */
const IZE = /^(\w{3,})iz(e|es|ed|er|ers|ing|ation|ations|able)$/;
const NOT_IZE = /^(?:|re|down|up|over|super|cap)siz(?:e|es|ed|ing)$|^(?:pri|sei|mai|bai)z(?:e|es|ed|ing)$/;
/** analyze, paralyze, catalyze: -yze -> -yse. */
const YZE = /^(\w+)yz(e|es|ed|er|ers|ing)$/;

/** Words whose American and British forms differ in another way; suffixes are handled below. */
const WORDS: Record<string, string> = {
  behavior: 'behaviour',
  color: 'colour',
  favor: 'favour',
  favorite: 'favourite',
  flavor: 'flavour',
  harbor: 'harbour',
  honor: 'honour',
  humor: 'humour',
  labor: 'labour',
  neighbor: 'neighbour',
  rumor: 'rumour',
  vapor: 'vapour',
  endeavor: 'endeavour',
  center: 'centre',
  fiber: 'fibre',
  liter: 'litre',
  theater: 'theatre',
  catalog: 'catalogue',
  defense: 'defence',
  offense: 'offence',
  license: 'licence',
  gray: 'grey',
  aging: 'ageing',
  modeling: 'modelling',
  modeled: 'modelled',
  labeled: 'labelled',
  labeling: 'labelling',
  canceled: 'cancelled',
  canceling: 'cancelling',
  signaling: 'signalling',
  signaled: 'signalled',
  traveled: 'travelled',
  traveling: 'travelling',
  fueled: 'fuelled',
  leveled: 'levelled',
  totaled: 'totalled',
  queuing: 'queueing',
  artifact: 'artefact',
  judgment: 'judgement',
};
// Plurals and -s forms of the words above: behaviors -> behaviours, centers -> centres.
for (const [us, uk] of Object.entries(WORDS)) {
  if (!/(ing|ed|ment)$/.test(us)) WORDS[`${us}s`] = `${uk}s`;
}
const SPELLINGS = new Map(Object.entries(WORDS));

export function britishSpelling(word: string): string {
  const lower = word.toLowerCase();
  const british = SPELLINGS.get(lower);
  if (british !== undefined) return british;
  const ize = IZE.exec(lower);
  if (ize && !NOT_IZE.test(lower)) return `${ize[1]}is${ize[2]}`;
  const yze = YZE.exec(lower);
  if (yze) return `${yze[1]}ys${yze[2]}`;
  return lower;
}
