import React, { useContext } from 'react';
import type { Props } from '@theme/Layout';
import Layout from '@theme-original/Layout';
import { MainLandmark } from './MainLandmark';

export default function LayoutWithMain(props: Props): React.ReactElement {
  const needsMain = useContext(MainLandmark);
  if (!needsMain) return <Layout {...props} />;
  return (
    <Layout {...props}>
      <main>{props.children}</main>
    </Layout>
  );
}
