import { describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { compile } from '@mdx-js/mdx';
import remarkPlayground from './playground';

const site = mkdtempSync(join(tmpdir(), 'pg-remark-'));
writeFileSync(join(site, 'package.json'), '{}');
mkdirSync(join(site, 'examples', 'ch'), { recursive: true });
mkdirSync(join(site, 'docs'), { recursive: true });
writeFileSync(join(site, 'examples', 'ch', 'demo.ts'), 'export default () => {};');

const mdxFile = join(site, 'docs', 'page.mdx');
const build = async (mdx: string) => String(await compile({ value: mdx, path: mdxFile }, { remarkPlugins: [remarkPlayground] }));

describe('remark playground', () => {
  it('imports the example source with ?raw and passes it as the code prop', async () => {
    const js = await build('# Title\n\n<Playground example="ch/demo" />\n\nText\n\n<Playground example="ch/demo" />\n');
    expect(js).toContain('import __playground0 from "@site/examples/ch/demo.ts?raw"');
    expect(js.match(/import __playground/g)).toHaveLength(1);
    expect(js.match(/code: __playground0/g)).toHaveLength(2);
    expect(js).toMatch(/example: "ch\/demo"/);
  });

  it('finds Playgrounds nested in other JSX', async () => {
    const js = await build('<details>\n<summary>More</summary>\n\n<Playground example="ch/demo" />\n\n</details>\n');
    expect(js).toContain('code: __playground0');
  });

  it('fails the build with file and line when the example does not exist', async () => {
    await expect(build('# T\n\nSome text.\n\n<Playground example="ch/missing" />\n')).rejects.toThrow(
      /page\.mdx:5: <Playground example="ch\/missing">: no file examples\/ch\/missing\.ts/,
    );
  });

  it('fails when example is not a plain string', async () => {
    await expect(build('<Playground example={name} />\n')).rejects.toThrow(/needs example=/);
    await expect(build('<Playground example="../secret" />\n')).rejects.toThrow(/not a path inside examples/);
  });

  it('leaves a Playground that already has code alone', async () => {
    const js = await build('<Playground example="ch/none" code="x" />\n');
    expect(js).not.toContain('?raw');
  });
});
