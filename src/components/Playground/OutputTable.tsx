import React, { type ReactNode } from 'react';
import { formatNumber, type Table } from './displayValues';
import styles from './styles.module.css';

/** A kit `table(...)` value: a caption, column headers, and each row's first cell as its header. */
export default function OutputTable({ table }: { table: Table }): ReactNode {
  return (
    <table className={styles.table} data-output="table">
      {table.title && <caption>{table.title}</caption>}
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
  );
}
