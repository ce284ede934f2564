import { EmptyModule } from "../components/EmptyModule";

export function StreamingPage() {
  return <EmptyModule module="streaming" />;
}
