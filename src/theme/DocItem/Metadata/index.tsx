/**
 * The test bench (dogfooding/, its own docs plugin) renders broken diagrams and Playground edge
 * cases on purpose: keep search engines away from it. The sitemap leaves it out too.
 */
import React from 'react';
import Head from '@docusaurus/Head';
import useRouteContext from '@docusaurus/useRouteContext';
import Metadata from '@theme-original/DocItem/Metadata';

export const TEST_BENCH_PLUGIN_ID = 'dogfooding';

export default function DocItemMetadata(): React.ReactElement {
  const { plugin } = useRouteContext();
  return (
    <>
      <Metadata />
      {plugin.id === TEST_BENCH_PLUGIN_ID && (
        <Head>
          <meta name="robots" content="noindex, nofollow" />
        </Head>
      )}
    </>
  );
}
