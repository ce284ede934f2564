import { EmptyModule } from "../components/EmptyModule";

export function PlanningPage() {
  return <EmptyModule module="planning" />;
}
