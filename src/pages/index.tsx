import React from 'react';
import Link from '@docusaurus/Link';
import Translate, { translate } from '@docusaurus/Translate';
import Layout from '@theme/Layout';
import Heading from '@theme/Heading';
import PhaseMap from '@site/src/components/PhaseMap';
import styles from './index.module.css';

export default function Home(): React.ReactElement {
  return (
    <Layout
      title={translate({ id: 'home.title', message: 'From one machine to cloud native', description: 'The landing page title, after the site name' })}
      description={translate({
        id: 'home.description',
        message: 'An executable handbook on how large internet systems evolve, with simulations you edit and run in the page.',
        description: 'The landing page description for search engines and link previews',
      })}
    >
      <main className={styles.main}>
        <header className={styles.hero}>
          <Heading as="h1">Architecture Evolution</Heading>
          <p className={styles.lead}>
            <Translate id="home.lead.what" description="The landing page: what the book is about">
              A handbook on how large internet systems grow: from one machine, to a cluster behind a load balancer, to
              services, to cloud native, and what the business, the teams and security need at every step.
            </Translate>
          </p>
          <p className={styles.lead}>
            <Translate id="home.lead.how" description="The landing page: how the book's simulations work">
              Every mechanism is a small simulation in the page: read why a phase becomes necessary, then change the
              numbers in the code, press Run, and watch the queue grow or the failover happen.
            </Translate>
          </p>
          <div className={styles.actions}>
            <Link className="button button--primary button--lg" to="/docs/introduction/">
              <Translate id="home.action.read" description="The landing page's button to the first chapter">
                Start reading
              </Translate>
            </Link>
            <Link className="button button--secondary button--lg" to="/docs/reference/simulation-kit/">
              <Translate id="home.action.kit" description="The landing page's button to the simulation kit's reference">
                The simulation kit
              </Translate>
            </Link>
          </div>
        </header>
        <section aria-labelledby="map-heading">
          <Heading as="h2" id="map-heading">
            <Translate id="home.map.heading" description="The heading above the map of the book's phases">
              The journey at a glance
            </Translate>
          </Heading>
          <p>
            <Translate id="home.map.intro" description="The sentence introducing the map of the book's phases">
              Four phases, each forced by pressure the last one cannot absorb, and three chapters that run alongside them all.
            </Translate>
          </p>
          <PhaseMap />
        </section>
      </main>
    </Layout>
  );
}
