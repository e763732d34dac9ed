/**
 * The search plugin's page, with what it lacks: a main landmark around its content, and a
 * robots meta that crawlers read (the plugin writes `property="robots"`, which they ignore).
 */
import React from 'react';
import Head from '@docusaurus/Head';
import { translate } from '@docusaurus/Translate';
import SearchPage from '@theme-original/SearchPage';
import { MainLandmark } from '../Layout/MainLandmark';

export default function SearchPageWithLandmark(): React.ReactElement {
  return (
    <MainLandmark.Provider value={true}>
      <Head>
        <meta name="robots" content="noindex, follow" />
        <meta
          name="description"
          content={translate({ id: 'search.description', message: 'Search Architecture Evolution, an executable handbook on how large internet systems evolve.' })}
        />
      </Head>
      <SearchPage />
    </MainLandmark.Provider>
  );
}
