import { periodsOf, recurrenceProblem } from '../../src/tracking/periods';

describe('the periods of a recurring report', () => {
  it('runs monthly from the month containing `from` to the one containing `until`, due at the end of dueDay, Vietnam time', () => {
    const periods = periodsOf({ frequency: 'monthly', from: '2026-11-15', until: '2027-02-01', dueDay: 25 });
    expect(periods.map((p) => p.key)).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(periods[1]).toEqual({ key: '2026-12', start: '2026-11-30T17:00:00.000Z', due: '2026-12-25T16:59:59.000Z' });
  });

  it('falls back to the last day of a short month, and of the period without a dueDay', () => {
    const february = periodsOf({ frequency: 'monthly', from: '2028-02-01', until: '2028-02-29', dueDay: 31 });
    expect(february).toEqual([{ key: '2028-02', start: '2028-01-31T17:00:00.000Z', due: '2028-02-29T16:59:59.000Z' }]);
    expect(periodsOf({ frequency: 'monthly', from: '2027-04-10', until: '2027-04-10' })[0].due).toBe('2027-04-30T16:59:59.000Z');
  });

  it('groups quarters and years, the report due in the last month', () => {
    const quarters = periodsOf({ frequency: 'quarterly', from: '2026-08-20', until: '2027-03-31', dueDay: 15 });
    expect(quarters).toEqual([
      { key: '2026-Q3', start: '2026-06-30T17:00:00.000Z', due: '2026-09-15T16:59:59.000Z' },
      { key: '2026-Q4', start: '2026-09-30T17:00:00.000Z', due: '2026-12-15T16:59:59.000Z' },
      { key: '2027-Q1', start: '2026-12-31T17:00:00.000Z', due: '2027-03-15T16:59:59.000Z' },
    ]);
    const years = periodsOf({ frequency: 'yearly', from: '2026-03-01', until: '2030-06-30' });
    expect(years.map((p) => p.key)).toEqual(['2026', '2027', '2028', '2029', '2030']);
    expect(years[0]).toEqual({ key: '2026', start: '2025-12-31T17:00:00.000Z', due: '2026-12-31T16:59:59.000Z' });
  });

  it('names what is wrong with a recurrence, and opens no period for it', () => {
    expect(recurrenceProblem({ frequency: 'monthly', from: '2027-01-01', until: '2026-12-31' })).toEqual({ field: 'recurrence.until', message: 'not before recurrence.from' });
    expect(recurrenceProblem({ frequency: 'monthly', from: '2027-02-30', until: '2027-12-31' })?.field).toBe('recurrence.from');
    expect(recurrenceProblem({ frequency: 'weekly' as 'monthly', from: '2027-01-01', until: '2027-12-31' })?.field).toBe('recurrence.frequency');
    expect(recurrenceProblem({ frequency: 'monthly', from: '2027-01-01', until: '2027-12-31', dueDay: 0 })?.field).toBe('recurrence.dueDay');
    expect(recurrenceProblem({ frequency: 'monthly', from: '2020-01-01', until: '2035-12-31' })?.field).toBe('recurrence.until');
    expect(recurrenceProblem(undefined)?.field).toBe('recurrence');
    expect(periodsOf({ frequency: 'monthly', from: '2027-01-01', until: '2026-12-31' })).toEqual([]);
    expect(recurrenceProblem({ frequency: 'monthly', from: '2026-01-01', until: '2030-12-31', dueDay: 10 })).toBeUndefined();
  });
});
