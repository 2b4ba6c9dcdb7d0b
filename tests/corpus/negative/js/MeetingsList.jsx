// Fireflies meetings list
const items = [{ key: 'b86a03e6-a3da-48ad-a5c0-3ae33a69a42e', label: 'Weekly' }, { key: '50786b4d-c528-4d0d-9695-bfcec54f47f7', label: 'Daily' }];

export function MeetingsList() {
  return items.map((i) => <li key={i.key}>{i.label}</li>);
}
