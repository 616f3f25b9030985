import { Query, Resolver } from '@nestjs/graphql'

@Resolver()
export class VehiclesResolver {
  @Query(() => [String])
  vehicles(): string[] {
    return []
  }
}
