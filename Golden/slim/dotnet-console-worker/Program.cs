using QueueWorker;

var host = Host.CreateApplicationBuilder(args);
host.Services.AddHostedService<Worker>();
host.Build().Run();
