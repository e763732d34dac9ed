import React, { useRef, type ReactNode } from 'react';
import clsx from 'clsx';
import fade from '../../theme/Mermaid/scrollFade.module.css';
import { scrollBoxProps, useScrollCue } from '../../theme/Mermaid/useScrollCue';
import { formatNumber, type Table } from './displayValues';
import styles from './styles.module.css';

/**
 * A kit `table(...)` value: a caption, column headers, and each row's first cell as its header.
 *
 * A table wider than the output (five columns on a 390 px phone) scrolls sideways in a box of
 * its own, faded at the edge that hides more, with a tab stop and a name while it scrolls. Its
 * title is shown above that box, where it wraps to the width of the screen: as the table's
 * <caption> it was as wide as the table, and cut off with it. The caption stays, for screen
 * readers (it names the table), and hidden.
 */
export default function OutputTable({ table }: { table: Table }): ReactNode {
  const box = useRef<HTMLDivElement>(null);
  const scroll = useScrollCue(box, table);
  const name = table.title || table.columns.join(', ');
  return (
    <div className={styles.tableBlock}>
      {table.title && (
        <p className={styles.tableTitle} aria-hidden="true">
          {table.title}
        </p>
      )}
      <div
        ref={box}
        className={clsx(styles.tableScroll, fade.fade)}
        data-table-scroller
        {...scrollBoxProps(scroll, name)}>
        <table className={styles.table} data-output="table">
          {table.title && <caption className={styles.visuallyHidden}>{table.title}</caption>}
          <thead>
            <tr>
              {table.columns.map((column, index) => (
                <th key={index} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, rowIndex) => (
              <tr key={rowIndex}>
                {row.map((cell, index) => {
                  const text = typeof cell === 'number' ? formatNumber(cell) : cell;
                  return index === 0 ? (
                    <th key={index} scope="row">
                      {text}
                    </th>
                  ) : (
                    <td key={index} className={typeof cell === 'number' ? styles.number : undefined}>
                      {text}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
