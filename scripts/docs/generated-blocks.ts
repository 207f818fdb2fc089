/**
 * Generated parts of hand-written docs live between markers, so prose and tables can share a page:
 * <!-- generated:NAME --> … <!-- /generated:NAME -->
 */
export function replaceBlock(document: string, name: string, content: string): string {
  const start = `<!-- generated:${name} -->`
  const end = `<!-- /generated:${name} -->`
  const from = document.indexOf(start)
  const to = document.indexOf(end)
  if (from < 0 || to < from) throw new Error(`the markers of the generated block "${name}" are missing`)
  return `${document.slice(0, from + start.length)}\n${content.trim()}\n${document.slice(to)}`
}

export function markdownTable(header: string[], rows: string[][]): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|').replace(/\n/g, ' ')
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.map(escape).join(' | ')} |`)
  ].join('\n')
}
