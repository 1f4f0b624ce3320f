import { domainRefusals } from '../errors';

/** Every rule an enquiries operation refuses by (`enquiries.<rule>`); the renderer's enquiry i18n has a text for each. */
export const enquiriesRules = [
  'notEnquirer', // role: this role does not work the enquiry register ({role})
  'callBackPast', // outcome.at: the call-back time has passed
  'callBackTooFar', // outcome.at: at most {days} days ahead
  'notADoctor', // outcome.doctorId: not an active doctor of this clinic
  'rangeInverted', // to: before from
  'rangeTooLong', // to: at most {days} days after from
  'noSuchEnquiry', // id: no such enquiry
  'answerRequired', // answer: required when answered (已解答)
  'noSuchCustomer', // customer.id: no such customer
  'customerMerged', // customer.id: merged into another record (detail.existingId)
  'bookedAlready', // id: an appointment was booked from this enquiry
  'notOnFile', // id: {name} is not on file yet
  'catalogueSaved', // baseVersion: the catalogue is at version {current} now
  'catalogueItemRemoved', // items: {name} was saved before: retire it (active off), it stays for history
  'fileBadBom', // data: marked UTF-8 but not
  'fileNotText', // data: neither UTF-8 nor GBK
  'fileTooManyColumns', // data: more than {max} columns
  'fileTooManyRows', // data: more than {max} rows
  'fileCellTooLong', // data: row {row} has a cell over {max} characters
  'fileOpenQuote', // data: row {row}: a quote never closed
  'fileNotXlsx', // data: not an .xlsx file (or not readable)
  'fileTooBig', // data: the .xlsx unpacks to over {max} bytes
  'fileNoSheet', // data: the workbook has no sheet
  'fileEmpty', // data: empty file
  'mappingMissing', // mapping.<field>: no column for {field} (name or phone)
  'mappingOutside', // mapping.<field>: the sheet has {columns} columns
  'countChanged', // expectRows: the sheet gives {good} good rows now
  'notChecker', // role: only the group leader (网络咨询部组长) or the CS director spot-checks ({role})
  'ownEntry', // id: a leader does not spot-check her own entry
  'noteRequired', // note: say what is wrong or missing
  'sheetDate', // date: a sheet is reported for today or yesterday
  'notReader', // role: the day's sheets are for the leaders and the dean ({role})
  'recallNotBooked', // booked: nothing was booked from this enquiry yet (book with B first)
  'recallReasonRequired', // reason: say why she did not book
  'recallReasonOnlyNotBooked', // reason: only when she did not book
  'recallReasonNote', // reasonNote: say what the other reason is
  'recallNextAtRequired', // nextAt: when to call again
  'recallNextAtOnlyCallAgain', // nextAt: only when calling again
  'recallNextAtPast', // nextAt: the time has passed
  'recallNextAtTooFar', // nextAt: at most {days} days ahead
] as const;
export type EnquiriesRule = (typeof enquiriesRules)[number];

export const enquiriesRefusals = domainRefusals('enquiries', enquiriesRules);
