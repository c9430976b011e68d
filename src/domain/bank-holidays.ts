// The days Japanese banks are closed besides Saturdays and Sundays, as data.
//
// Sources:
// - 国民の祝日: 内閣府「国民の祝日について」, the list published as
//   https://www8.cao.go.jp/chosei/shukujitsu/syukujitsu.csv (国民の祝日・休日月日, 国民の祝日・休日名称).
//   The rows below are what that list holds for 2025–2027, written out here from 国民の祝日に関する法律
//   (昭和23年法律第178号): 第2条 the holidays (成人の日・海の日・敬老の日・スポーツの日 on the 2nd/3rd
//   Monday, 春分の日・秋分の日 as announced by the National Astronomical Observatory's 暦要項 in the 官報),
//   第3条第2項 振替休日 (a holiday on a Sunday moves to the next day that is not a holiday) and 第3条第3項
//   国民の休日 (a day between two holidays). Update it from the csv each February, when the 暦要項 of the
//   year after next is published.
// - The bank holidays 12月31日 and 1月2日・1月3日: 銀行法施行令 第5条第1項 (with 土曜日, 日曜日 and 国民の祝日).

export interface BankHoliday {
  readonly date: string; // YYYY-MM-DD
  readonly name: string; // as in syukujitsu.csv
}

/** The years the table covers: a date outside them cannot be judged and is a broken assumption. */
export const HOLIDAY_TABLE_YEARS = { first: 2025, last: 2027 } as const;

export const NATIONAL_HOLIDAYS: readonly BankHoliday[] = [
  { date: '2025-01-01', name: '元日' },
  { date: '2025-01-13', name: '成人の日' },
  { date: '2025-02-11', name: '建国記念の日' },
  { date: '2025-02-23', name: '天皇誕生日' },
  { date: '2025-02-24', name: '休日' }, // 振替休日 for 2/23 (Sunday)
  { date: '2025-03-20', name: '春分の日' },
  { date: '2025-04-29', name: '昭和の日' },
  { date: '2025-05-03', name: '憲法記念日' },
  { date: '2025-05-04', name: 'みどりの日' },
  { date: '2025-05-05', name: 'こどもの日' },
  { date: '2025-05-06', name: '休日' }, // 振替休日 for 5/4 (Sunday)
  { date: '2025-07-21', name: '海の日' },
  { date: '2025-08-11', name: '山の日' },
  { date: '2025-09-15', name: '敬老の日' },
  { date: '2025-09-23', name: '秋分の日' },
  { date: '2025-10-13', name: 'スポーツの日' },
  { date: '2025-11-03', name: '文化の日' },
  { date: '2025-11-23', name: '勤労感謝の日' },
  { date: '2025-11-24', name: '休日' }, // 振替休日 for 11/23 (Sunday)

  { date: '2026-01-01', name: '元日' },
  { date: '2026-01-12', name: '成人の日' },
  { date: '2026-02-11', name: '建国記念の日' },
  { date: '2026-02-23', name: '天皇誕生日' },
  { date: '2026-03-20', name: '春分の日' },
  { date: '2026-04-29', name: '昭和の日' },
  { date: '2026-05-03', name: '憲法記念日' },
  { date: '2026-05-04', name: 'みどりの日' },
  { date: '2026-05-05', name: 'こどもの日' },
  { date: '2026-05-06', name: '休日' }, // 振替休日 for 5/3 (Sunday)
  { date: '2026-07-20', name: '海の日' },
  { date: '2026-08-11', name: '山の日' },
  { date: '2026-09-21', name: '敬老の日' },
  { date: '2026-09-22', name: '休日' }, // 国民の休日: between 敬老の日 and 秋分の日
  { date: '2026-09-23', name: '秋分の日' },
  { date: '2026-10-12', name: 'スポーツの日' },
  { date: '2026-11-03', name: '文化の日' },
  { date: '2026-11-23', name: '勤労感謝の日' },

  { date: '2027-01-01', name: '元日' },
  { date: '2027-01-11', name: '成人の日' },
  { date: '2027-02-11', name: '建国記念の日' },
  { date: '2027-02-23', name: '天皇誕生日' },
  { date: '2027-03-21', name: '春分の日' },
  { date: '2027-03-22', name: '休日' }, // 振替休日 for 3/21 (Sunday)
  { date: '2027-04-29', name: '昭和の日' },
  { date: '2027-05-03', name: '憲法記念日' },
  { date: '2027-05-04', name: 'みどりの日' },
  { date: '2027-05-05', name: 'こどもの日' },
  { date: '2027-07-19', name: '海の日' },
  { date: '2027-08-11', name: '山の日' },
  { date: '2027-09-20', name: '敬老の日' },
  { date: '2027-09-23', name: '秋分の日' },
  { date: '2027-10-11', name: 'スポーツの日' },
  { date: '2027-11-03', name: '文化の日' },
  { date: '2027-11-23', name: '勤労感謝の日' },
];

/** 銀行法施行令 第5条第1項: besides the national holidays, banks close on 12/31, 1/2 and 1/3 (1/1 is 元日). */
export const BANK_YEAR_END_DAYS: readonly string[] = ['12-31', '01-01', '01-02', '01-03'];
