import { createContext } from 'react';

/**
 * True inside a page whose own content has no <main> (the search page, rendered by the search
 * plugin): the Layout then wraps the content in one, so that the page has its main landmark.
 */
export const MainLandmark = createContext(false);
