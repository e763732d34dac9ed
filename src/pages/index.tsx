import React from 'react';
import Link from '@docusaurus/Link';
import Layout from '@theme/Layout';
import Heading from '@theme/Heading';
import PhaseMap from '@site/src/components/PhaseMap';
import styles from './index.module.css';

export default function Home(): React.ReactElement {
  return (
    <Layout
      title="From one machine to cloud native"
      description="An executable handbook on how large internet systems evolve, with simulations you edit and run in the page."
    >
      <main className={styles.main}>
        <header className={styles.hero}>
          <Heading as="h1">Architecture Evolution</Heading>
          <p className={styles.lead}>
            A handbook on how large internet systems grow: from one machine, to a cluster behind a load balancer, to
            services, to cloud native, and what the business, the teams and security need at every step.
          </p>
          <p className={styles.lead}>
            Every mechanism is a small simulation in the page: read why a phase becomes necessary, then change the
            numbers in the code, press Run, and watch the queue grow or the failover happen.
          </p>
          <div className={styles.actions}>
            <Link className="button button--primary button--lg" to="/docs/introduction/">
              Start reading
            </Link>
            <Link className="button button--secondary button--lg" to="/docs/reference/simulation-kit/">
              The simulation kit
            </Link>
          </div>
        </header>
        <section aria-labelledby="map-heading">
          <Heading as="h2" id="map-heading">
            The journey at a glance
          </Heading>
          <p>Four phases, each forced by pressure the last one cannot absorb, and three chapters that run alongside them all.</p>
          <PhaseMap />
        </section>
      </main>
    </Layout>
  );
}
