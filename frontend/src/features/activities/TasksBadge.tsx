import { useTasksDue } from './TasksFilters';
import './Tasks.css';

// TasksBadge is the sidebar's count of open tasks due today or overdue;
// nothing when there are none. Read aloud with the link: "Tasks, 3 due
// today or overdue".
export function TasksBadge() {
  const due = useTasksDue();
  if (!due.data) return null;
  return (
    <span className="nav-badge" data-testid="tasks-due">
      <span className="visually-hidden">, </span>
      {due.data.toLocaleString()}
      <span className="visually-hidden"> due today or overdue</span>
    </span>
  );
}
