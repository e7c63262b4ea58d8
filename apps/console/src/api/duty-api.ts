import type { CreateDutyHandoverRequest, DutyHandoverView, DutyOnDutyView, DutyRosterEntryView, DutyShiftView } from '@excon/contracts';
import { request } from './client';

const id = (value: string) => encodeURIComponent(value);

/** The CRC duty roster's REST calls (CONTRACT.md "Accounts and administration"). */
export const dutyApi = {
  shifts: () => request<DutyShiftView[]>('GET', '/api/duty-shifts'),
  current: () => request<DutyOnDutyView>('GET', '/api/duty-roster/current'),
  roster: (from: string, to: string) => request<DutyRosterEntryView[]>('GET', `/api/duty-roster?from=${id(from)}&to=${id(to)}`),
  handovers: (limit: number) => request<DutyHandoverView[]>('GET', `/api/duty-handovers?limit=${limit}`),
  handOver: (body: CreateDutyHandoverRequest) => request<DutyHandoverView>('POST', '/api/duty-handovers', body),
  accept: (handoverId: string) => request<DutyHandoverView>('POST', `/api/duty-handovers/${id(handoverId)}/accept`),
};
