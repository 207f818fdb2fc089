import { canonicalRow, mapCsvHeader } from '../csv-columns'

describe('CSV columns', () => {
  it('accepts RudderStack and Bulk names, without regard to case or spaces, and reports unknown ones', () => {
    const header = mapCsvHeader([
      'Conversion Name',
      'conversion_time',
      'MICROSOFTCLICKID',
      'Client Id',
      'Favourite Colour'
    ])
    expect([...header.columns.values()]).toEqual(['conversionName', 'conversionTime', 'microsoftClickId'])
    expect(header.unknown).toEqual(['Favourite Colour'])
    expect(
      canonicalRow({ 'Conversion Name': ' Purchase ', conversion_time: '', MICROSOFTCLICKID: 'x' }, header)
    ).toEqual({ conversionName: 'Purchase', microsoftClickId: 'x' })
  })
})
