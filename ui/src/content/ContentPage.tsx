import { EmptyModule } from "../components/EmptyModule";

export function ContentPage() {
  return <EmptyModule module="content" />;
}
