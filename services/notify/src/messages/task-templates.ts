import { DOCUMENT_TYPES, type DomainEvent } from '@vanthu/shared';
import { SECRET_LEVEL_NAMES, type SecrecyVerdict } from '../secrecy/secrecy';
import type { Message } from './templates';
import { vietnamTime } from './vietnam-time';

type Data = Record<string, unknown>;

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const capitalised = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;

/** A title is typed by people and may be long: an e-mail's subject line keeps its start. */
export function clipped(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

const TITLE_MAX = 120;
const NOTE_MAX = 1000;

/** Priority leads the title, as urgency does a document's. */
const PRIORITY: Record<string, string> = { high: 'Ưu tiên', urgent: 'Gấp' };

/** `2026-12`, `2026-Q4`, `2026` as Vietnamese reports name their periods. */
export function periodName(period: string | undefined): string | undefined {
  if (!period) return undefined;
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month) return `tháng ${Number(month[2])}/${month[1]}`;
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) return `quý ${['I', 'II', 'III', 'IV'][Number(quarter[2]) - 1]}/${quarter[1]}`;
  return /^\d{4}$/.test(period) ? `năm ${period}` : period;
}

/** "Nghị quyết số 12-NQ/TU, Mục III.2": what the task implements. */
function sourceOf(d: Data): string {
  const type = str(d.documentType);
  const typeName = type && Object.hasOwn(DOCUMENT_TYPES, type) ? DOCUMENT_TYPES[type as keyof typeof DOCUMENT_TYPES] : 'Văn bản';
  const clause = str(d.clause);
  return `${typeName} số ${str(d.sourceNotation) ?? str(d.sourceDocumentId) ?? ''}${clause ? `, ${clause}` : ''}`;
}

/** What a task is called in a sentence: `nhiệm vụ "…" (thực hiện Nghị quyết số 12-NQ/TU, Mục III.2; kỳ quý IV/2026)`. */
function taskReference(d: Data): string {
  const period = periodName(str(d.period));
  return `nhiệm vụ "${str(d.title) ?? str(d.taskId) ?? ''}" (thực hiện ${sourceOf(d)}${period ? `; kỳ ${period}` : ''})`;
}

/** What it is called in a title: "<title> (thực hiện 12-NQ/TU)", the title clipped. */
function taskLabel(d: Data): string {
  const period = periodName(str(d.period));
  const title = clipped(str(d.title) ?? str(d.taskId) ?? '', TITLE_MAX);
  return `${title}${period ? `, ${period}` : ''} (thực hiện ${str(d.sourceNotation) ?? sourceOf(d)})`;
}

const lead = (d: Data) => str(d.leadOrg) ?? 'Đơn vị chủ trì';
const assigner = (d: Data) => str(d.assignerOrg) ?? 'Đơn vị giao nhiệm vụ';
const due = (d: Data) => vietnamTime(str(d.deadline));
const dueLine = (d: Data) => (due(d) ? ` Hạn hoàn thành: ${due(d)}.` : '');
const progressOf = (d: Data) => (typeof d.progress === 'number' ? `${d.progress}%` : undefined);

function withText(body: string, label: string, d: Data): string {
  const note = str(d.note);
  return note ? `${body}\n${label}: ${clipped(note, NOTE_MAX)}` : body;
}

/** Done on time when the accepted result was submitted by the deadline in force (docs/tracking.md, Figures). */
function completion(d: Data): string {
  const completedAt = Date.parse(str(d.completedAt) ?? '');
  const deadline = Date.parse(str(d.deadline) ?? '');
  if (Number.isNaN(completedAt) || Number.isNaN(deadline)) return 'hoàn thành';
  return completedAt <= deadline ? 'hoàn thành đúng hạn' : 'hoàn thành sau hạn';
}

type TaskTemplate = (label: string, ref: string, d: Data) => Message;

/** Vietnamese text per task event; the subject line of an e-mail is the title. */
const TASK_TEMPLATES: Record<string, TaskTemplate> = {
  'tracking.task-assigned': (label, ref, d) => {
    const cooperating = Array.isArray(d.cooperating) ? d.cooperating.filter((o): o is string => str(o) !== undefined) : [];
    const recurring = d.kind === 'recurring' ? ' Báo cáo theo từng kỳ; mỗi kỳ có hạn riêng.' : '';
    return {
      title: `Nhiệm vụ mới: ${label}${due(d) ? `, hạn ${due(d)}` : ''}`,
      body: withText(
        `${assigner(d)} giao ${lead(d)} chủ trì ${ref}${cooperating.length > 0 ? `; phối hợp: ${cooperating.join(', ')}` : ''}.${dueLine(d)}${recurring}`,
        'Ghi chú',
        d,
      ),
    };
  },
  'tracking.task-reassigned': (label, ref, d) => ({
    title: `Nhiệm vụ được giao lại: ${label}`,
    body: withText(
      `${assigner(d)} giao ${lead(d)} chủ trì ${ref}${str(d.previousLeadOrg) ? ` (trước đây giao ${str(d.previousLeadOrg)}, đơn vị đã từ chối)` : ''}.${dueLine(d)}`,
      'Ghi chú',
      d,
    ),
  }),
  'tracking.task-refused': (label, ref, d) => ({
    title: `Nhiệm vụ bị từ chối: ${label}`,
    body: withText(`${lead(d)} đã từ chối ${ref}. Nhiệm vụ chờ anh/chị giao lại cho đơn vị khác hoặc hủy.`, 'Lý do', d),
  }),
  'tracking.task-submitted': (label, ref, d) => ({
    title: `Nhiệm vụ chờ đánh giá kết quả: ${label}`,
    body: withText(`${lead(d)} đã báo cáo hoàn thành ${ref}. Kết quả chờ anh/chị đánh giá: chấp nhận hoặc trả lại.`, 'Báo cáo', d),
  }),
  'tracking.task-returned': (label, ref, d) => ({
    title: `Kết quả nhiệm vụ bị trả lại: ${label}`,
    body: withText(`Kết quả thực hiện ${ref} đã bị trả lại; đơn vị tiếp tục thực hiện và báo cáo lại.${dueLine(d)}`, 'Lý do', d),
  }),
  'tracking.task-completed': (label, ref, d) => ({
    title: `Nhiệm vụ đã hoàn thành: ${label}`,
    body: withText(`Kết quả thực hiện ${ref} đã được chấp nhận: nhiệm vụ ${completion(d)}.`, 'Ghi chú', d),
  }),
  'tracking.task-cancelled': (label, ref, d) => ({
    title: `Nhiệm vụ bị hủy: ${label}`,
    body: withText(`${assigner(d)} đã hủy ${ref}; đơn vị không tiếp tục thực hiện.`, 'Lý do', d),
  }),
  'tracking.task-extension-requested': (label, ref, d) => ({
    title: `Đề nghị gia hạn nhiệm vụ: ${label}`,
    body: withText(
      `${lead(d)} đề nghị gia hạn ${ref}${vietnamTime(str(d.extensionUntil)) ? ` đến ${vietnamTime(str(d.extensionUntil))}` : ''}${due(d) ? ` (hạn hiện tại: ${due(d)})` : ''}. Đề nghị chờ anh/chị quyết định.`,
      'Lý do',
      d,
    ),
  }),
  'tracking.task-extension-granted': (label, ref, d) => ({
    title: `Nhiệm vụ được gia hạn: ${label}`,
    body: withText(`${capitalised(ref)} đã được gia hạn.${due(d) ? ` Hạn mới: ${due(d)}.` : ''}`, 'Ghi chú', d),
  }),
  'tracking.task-extension-refused': (label, ref, d) => ({
    title: `Đề nghị gia hạn không được chấp nhận: ${label}`,
    body: withText(`Đề nghị gia hạn ${ref} không được chấp nhận.${due(d) ? ` Hạn hoàn thành vẫn là ${due(d)}.` : ''}`, 'Lý do', d),
  }),
  'tracking.task-deadline-approaching': (label, ref, d) => ({
    title: `Sắp đến hạn nhiệm vụ: ${label}`,
    body: `${capitalised(ref)} do ${lead(d)} chủ trì sắp đến hạn${due(d) ? `: ${due(d)}` : ''}.${progressOf(d) ? ` Tiến độ hiện tại: ${progressOf(d)}.` : ''}`,
  }),
  'tracking.task-overdue': (label, ref, d) => ({
    title: `Nhiệm vụ quá hạn: ${label}`,
    body: `${capitalised(ref)} do ${lead(d)} chủ trì đã quá hạn${due(d) ? ` (hạn ${due(d)})` : ''} mà chưa hoàn thành.${progressOf(d) ? ` Tiến độ hiện tại: ${progressOf(d)}.` : ''}`,
  }),
};

/**
 * A task of a document notify has seen to be secret (tracking refuses those; this is the guard
 * behind it): that something waits, and nothing the task's title or notes could quote.
 */
function secretTaskMessage(level: SecrecyVerdict): Message {
  const kind = level.secret && level.level ? `văn bản ${SECRET_LEVEL_NAMES[level.level]}` : 'văn bản mật';
  return {
    title: `Nhiệm vụ thực hiện ${kind} chờ anh/chị xem`,
    body: `Có cập nhật về một nhiệm vụ thực hiện ${kind}. Nội dung không gửi kèm thông báo; anh/chị vui lòng mở nhiệm vụ trên hệ thống Văn thư điện tử để xem và xử lý.`,
  };
}

/** The text of a task's event (`tracking.task-*`), from the task's snapshot the event carries. */
export function taskMessage(event: DomainEvent, secrecy: SecrecyVerdict): Message {
  const d = event.data ?? {};
  const priority = PRIORITY[str(d.priority) ?? ''];
  const label = taskLabel(d);
  const template = TASK_TEMPLATES[event.type];
  const message = secrecy.secret
    ? secretTaskMessage(secrecy)
    : template
      ? template(label, taskReference(d), d)
      : { title: `Cập nhật nhiệm vụ: ${label}`, body: `${capitalised(taskReference(d))}: ${event.type}.` };
  return priority ? { ...message, title: `[${priority}] ${message.title}` } : message;
}
